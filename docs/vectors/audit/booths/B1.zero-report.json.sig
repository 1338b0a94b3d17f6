{"signer":"bQvDh+ej7JNQCEYioa39+deP8gl6pds0jiGNgE+TRq8=","signature":"s6D4ZPQBmHilOc5bR7+hzVjNY8rbUTZ3Cr6EIe0LuQ93BwuJDvbPVFinpbCEhfiW2NfpzZS4tiNvQb1WEyBGCg=="}
