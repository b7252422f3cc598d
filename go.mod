module tabour

go 1.26.0

require (
	github.com/go-text/typesetting v0.3.5
	github.com/mattn/go-sqlite3 v1.14.53
)
