package nationalid

// Name is a name in the two languages Tabour speaks.
type Name struct {
	AR string `json:"ar"`
	EN string `json:"en"`
}

// Governorate is the governorate of birth encoded in digits 8 and 9.
type Governorate struct {
	Code int  `json:"code"`
	Name Name `json:"name"`
}

// CodeAbroad is the governorate code of people born outside Egypt.
const CodeAbroad = 88

// governorates lists every known code in ascending order.
var governorates = []Governorate{
	{1, Name{"القاهرة", "Cairo"}},
	{2, Name{"الإسكندرية", "Alexandria"}},
	{3, Name{"بورسعيد", "Port Said"}},
	{4, Name{"السويس", "Suez"}},
	{11, Name{"دمياط", "Damietta"}},
	{12, Name{"الدقهلية", "Dakahlia"}},
	{13, Name{"الشرقية", "Sharqia"}},
	{14, Name{"القليوبية", "Qalyubia"}},
	{15, Name{"كفر الشيخ", "Kafr El-Sheikh"}},
	{16, Name{"الغربية", "Gharbia"}},
	{17, Name{"المنوفية", "Monufia"}},
	{18, Name{"البحيرة", "Beheira"}},
	{19, Name{"الإسماعيلية", "Ismailia"}},
	{21, Name{"الجيزة", "Giza"}},
	{22, Name{"بني سويف", "Beni Suef"}},
	{23, Name{"الفيوم", "Fayoum"}},
	{24, Name{"المنيا", "Minya"}},
	{25, Name{"أسيوط", "Asyut"}},
	{26, Name{"سوهاج", "Sohag"}},
	{27, Name{"قنا", "Qena"}},
	{28, Name{"أسوان", "Aswan"}},
	{29, Name{"الأقصر", "Luxor"}},
	{31, Name{"البحر الأحمر", "Red Sea"}},
	{32, Name{"الوادي الجديد", "New Valley"}},
	{33, Name{"مطروح", "Matrouh"}},
	{34, Name{"شمال سيناء", "North Sinai"}},
	{35, Name{"جنوب سيناء", "South Sinai"}},
	{CodeAbroad, Name{"خارج الجمهورية", "Born abroad"}},
}

// Governorates returns every known governorate, ordered by code. The slice
// is a copy the caller may keep.
func Governorates() []Governorate {
	return append([]Governorate(nil), governorates...)
}

// LookupGovernorate returns the governorate with the given code, and false
// if the code is unknown.
func LookupGovernorate(code int) (Governorate, bool) {
	for _, g := range governorates {
		if g.Code == code {
			return g, true
		}
	}
	return Governorate{}, false
}

// Abroad reports whether g is the code for people born outside Egypt.
func (g Governorate) Abroad() bool { return g.Code == CodeAbroad }

// String returns the English name.
func (g Governorate) String() string { return g.Name.EN }
