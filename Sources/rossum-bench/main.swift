print("rossum-bench: not built yet")
