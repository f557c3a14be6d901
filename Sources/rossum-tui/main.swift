print("rossum-tui: the console is not built yet; run `swift run rossum-sandbox` for the sandbox server.")
