{"signer":"OilbxNgLvxfWl5rkUzW0Z4ybBWZVpH9Quy5Er7YjOew=","signature":"Mt12ArHMvWa+NghMMgV5IP1U/4P2F+ciSmS2b5HGqugFiwOoZhEvb+9RxIEZ8DOUjRR0EF8i8WWZO2g6jCTaAA=="}
