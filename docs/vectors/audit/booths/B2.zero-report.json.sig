{"signer":"UFUkAOX5OZYXjIShXjCrcYcKsfdtWsw44GeufSi2gyI=","signature":"VlvwwkJcRMx6B//UyqXIzGcKXSMI7Di3NDGiY40jxK3Ad0BMCXfNrRlM07bnv73TT/dRdmfFASzj2B2l3dPsBQ=="}
