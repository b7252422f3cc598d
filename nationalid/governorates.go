package nationalid

import "tabour/lang"

// Governorate is the governorate of birth encoded in digits 8 and 9.
type Governorate struct {
	Code int       `json:"code"`
	Name lang.Text `json:"name"`
}

// CodeAbroad is the governorate code of people born outside Egypt.
const CodeAbroad = 88

// governorates lists every known code in ascending order.
var governorates = []Governorate{
	{1, lang.Text{AR: "القاهرة", EN: "Cairo"}},
	{2, lang.Text{AR: "الإسكندرية", EN: "Alexandria"}},
	{3, lang.Text{AR: "بورسعيد", EN: "Port Said"}},
	{4, lang.Text{AR: "السويس", EN: "Suez"}},
	{11, lang.Text{AR: "دمياط", EN: "Damietta"}},
	{12, lang.Text{AR: "الدقهلية", EN: "Dakahlia"}},
	{13, lang.Text{AR: "الشرقية", EN: "Sharqia"}},
	{14, lang.Text{AR: "القليوبية", EN: "Qalyubia"}},
	{15, lang.Text{AR: "كفر الشيخ", EN: "Kafr El-Sheikh"}},
	{16, lang.Text{AR: "الغربية", EN: "Gharbia"}},
	{17, lang.Text{AR: "المنوفية", EN: "Monufia"}},
	{18, lang.Text{AR: "البحيرة", EN: "Beheira"}},
	{19, lang.Text{AR: "الإسماعيلية", EN: "Ismailia"}},
	{21, lang.Text{AR: "الجيزة", EN: "Giza"}},
	{22, lang.Text{AR: "بني سويف", EN: "Beni Suef"}},
	{23, lang.Text{AR: "الفيوم", EN: "Fayoum"}},
	{24, lang.Text{AR: "المنيا", EN: "Minya"}},
	{25, lang.Text{AR: "أسيوط", EN: "Asyut"}},
	{26, lang.Text{AR: "سوهاج", EN: "Sohag"}},
	{27, lang.Text{AR: "قنا", EN: "Qena"}},
	{28, lang.Text{AR: "أسوان", EN: "Aswan"}},
	{29, lang.Text{AR: "الأقصر", EN: "Luxor"}},
	{31, lang.Text{AR: "البحر الأحمر", EN: "Red Sea"}},
	{32, lang.Text{AR: "الوادي الجديد", EN: "New Valley"}},
	{33, lang.Text{AR: "مطروح", EN: "Matrouh"}},
	{34, lang.Text{AR: "شمال سيناء", EN: "North Sinai"}},
	{35, lang.Text{AR: "جنوب سيناء", EN: "South Sinai"}},
	{CodeAbroad, lang.Text{AR: "خارج الجمهورية", EN: "Born abroad"}},
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
