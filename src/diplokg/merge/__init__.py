"""One entity of everything the fact files say about one thing."""
