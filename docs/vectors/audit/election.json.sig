{"signer":"fQjGEpk1oC1udKH9uW7NhlquAl3QYHdd4o/dUOk+rNI=","signature":"EyFBunPVBPqr2EtCRT8gI+0ujnvPj9Vo+jZXYJfiS1eMNtsK7xiOjvndg3Ar4J3U3xYef2Lbh4AphBFZ5GyqBQ=="}
