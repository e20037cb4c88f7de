"""One module per endpoint; ``base`` holds the shared cached GET view."""
