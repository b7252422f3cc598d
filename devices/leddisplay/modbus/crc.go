package modbus

// CRC returns the CRC-16/MODBUS of b: reflected polynomial 0xA001, initial
// value 0xFFFF. It is sent low byte first.
func CRC(b []byte) uint16 {
	crc := uint16(0xFFFF)
	for _, c := range b {
		crc ^= uint16(c)
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0xA001
			} else {
				crc >>= 1
			}
		}
	}
	return crc
}

// crcOK reports whether frame ends in the right CRC.
func crcOK(frame []byte) bool {
	n := len(frame) - 2
	return n > 0 && CRC(frame[:n]) == uint16(frame[n])|uint16(frame[n+1])<<8
}
