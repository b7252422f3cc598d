package contract

import _ "embed" // for AsyncAPI

// AsyncAPI is the contract's AsyncAPI 2.6 document (asyncapi.yaml): every
// topic, payload schema, QoS and retain flag.
//
//go:embed asyncapi.yaml
var AsyncAPI []byte
