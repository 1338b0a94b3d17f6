{"signer":"smdeDKfPzYga+IDIyPFw9cBOnXiHkEl/aqmARMoKfG8=","signature":"rECPEBuQbnjfAeI3Cm12tXesEOdNv0gmnH+iMx+G+QHaf+b88zn/yWHmmXlQr3Lqyj7OcNdeaf+0QZsZd0toCA=="}
