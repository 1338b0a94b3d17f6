{"signer":"bQvDh+ej7JNQCEYioa39+deP8gl6pds0jiGNgE+TRq8=","signature":"zV3K4Smb2H/CYeNoR5/aCgjT5WME7id7AmOdHuGGEv3GjDix4dsVTGxsvuIUuEXVn2qIhCFTCs9omwHyNVdCDA=="}
