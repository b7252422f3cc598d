module eg.tabour/earlylocale

go 1.26.0
