package broker

// NumClients is how many clients the server holds now.
func (b *Embedded) NumClients() int { return b.srv.NumClients() }
