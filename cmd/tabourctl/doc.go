// Command tabourctl is the operations command line of a Tabour appliance;
// see package tabour/ctl.
package main
