{"signer":"smdeDKfPzYga+IDIyPFw9cBOnXiHkEl/aqmARMoKfG8=","signature":"LzHQ/1JqB+8UEY6mrbHXgbCf4at1Mfvd8nwJUe4xwnuAcuZHsixRysxZxlp1DUVVuVFWbFExm3k1MXByHI1yDg=="}
