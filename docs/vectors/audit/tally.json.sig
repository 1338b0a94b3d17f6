{"signer":"smdeDKfPzYga+IDIyPFw9cBOnXiHkEl/aqmARMoKfG8=","signature":"n8uge56yxlwd9O9EqWdYClFz6K5+C4nBq0/YGebL8x/C6RBr0A/aF4aCiZXwMvKQZVsbk6P7vHEaQrSy1BPjCw=="}
