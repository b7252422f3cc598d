package mqtttest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"tabour/mqtt/contract"
)

// Contract is the AsyncAPI document compiled for validation.
type Contract struct {
	channels []channel
}

type channel struct {
	name   string
	re     *regexp.Regexp
	schema *jsonschema.Schema
}

var (
	compiledOnce sync.Once
	compiled     *Contract
	compiledErr  error
)

// LoadContract compiles contract.AsyncAPI once.
func LoadContract() (*Contract, error) {
	compiledOnce.Do(func() { compiled, compiledErr = compileContract(contract.AsyncAPI) })
	return compiled, compiledErr
}

// asyncDoc is the part of an AsyncAPI 2.6 document validation needs.
type asyncDoc struct {
	Channels map[string]struct {
		Publish   *operation `yaml:"publish"`
		Subscribe *operation `yaml:"subscribe"`
	} `yaml:"channels"`
	Components struct {
		Messages map[string]struct {
			Payload map[string]string `yaml:"payload"`
		} `yaml:"messages"`
		Schemas map[string]any `yaml:"schemas"`
	} `yaml:"components"`
}

type operation struct {
	Message map[string]string `yaml:"message"`
}

func compileContract(src []byte) (*Contract, error) {
	var doc asyncDoc
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("mqtttest: asyncapi.yaml: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := addSchemas(c, doc.Components.Schemas); err != nil {
		return nil, err
	}
	out := &Contract{}
	for name, ch := range doc.Channels {
		op := ch.Subscribe
		if op == nil {
			op = ch.Publish
		}
		sch, err := compileMessage(c, doc, op)
		if err != nil {
			return nil, fmt.Errorf("mqtttest: channel %s: %w", name, err)
		}
		out.channels = append(out.channels, channel{name: name, re: channelRE(name), schema: sch})
	}
	return out, nil
}

// addSchemas adds components/schemas as one resource, so that the
// documents' own "#/components/schemas/X" references resolve.
func addSchemas(c *jsonschema.Compiler, schemas map[string]any) error {
	b, err := json.Marshal(map[string]any{"components": map[string]any{"schemas": schemas}})
	if err != nil {
		return fmt.Errorf("mqtttest: schemas: %w", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("mqtttest: schemas: %w", err)
	}
	return c.AddResource(resource, doc)
}

const resource = "file:///asyncapi.json"

func compileMessage(c *jsonschema.Compiler, doc asyncDoc, op *operation) (*jsonschema.Schema, error) {
	if op == nil {
		return nil, fmt.Errorf("no operation")
	}
	name := strings.TrimPrefix(op.Message["$ref"], "#/components/messages/")
	msg, ok := doc.Components.Messages[name]
	if !ok {
		return nil, fmt.Errorf("no message %q", name)
	}
	return c.Compile(resource + msg.Payload["$ref"])
}

// channelRE turns "tabour/v1/{center}/status/{device}" into a regexp.
func channelRE(name string) *regexp.Regexp {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, "{") {
			parts[i] = "[^/]+"
		} else {
			parts[i] = regexp.QuoteMeta(p)
		}
	}
	return regexp.MustCompile("^" + strings.Join(parts, "/") + "$")
}

// Validate checks one published message against its channel's schema.
func (c *Contract) Validate(topic string, payload []byte) error {
	for _, ch := range c.channels {
		if !ch.re.MatchString(topic) {
			continue
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(payload))
		if err != nil {
			return fmt.Errorf("%s: not JSON: %w", topic, err)
		}
		if err := ch.schema.Validate(inst); err != nil {
			return fmt.Errorf("%s (%s): %w", topic, ch.name, err)
		}
		return nil
	}
	return fmt.Errorf("%s: no channel of the AsyncAPI document matches", topic)
}
