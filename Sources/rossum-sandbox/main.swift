print("rossum-sandbox: not built yet")
