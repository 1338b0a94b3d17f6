{"signer":"UFUkAOX5OZYXjIShXjCrcYcKsfdtWsw44GeufSi2gyI=","signature":"mXwg8j5idcCz1et2Js8qgpR3P8mVrwc+5eCVlGGm66s6QsM3wvgzbPIQp+g/dvLAuDwBHaTE0enbYKKpviUcDA=="}
