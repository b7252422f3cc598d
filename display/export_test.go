package display

// SetPost sets how s hands frames to the Fyne goroutine (fyne.Do).
func SetPost(s *Screen, post func(func())) { s.post = post }
