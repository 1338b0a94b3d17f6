{"signer":"9Io7RWozTLqYB41ZOIdZymNZlSJ2wuC8mkk02CrD6G0=","signature":"KKoOb1Rug34B4h14rjTGz50RxRgMxCZNPkeWSaIz5jQSJaSbaWRG+slD+58IQSjtFomVnQcSih3xObueiEkOBw=="}
