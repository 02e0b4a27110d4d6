"""Charts in one shared style: colour-blind-safe palette, consistent outcome colours."""
