"""Find (Ctrl+F, Ctrl+K): anything of the mission by any form of its name, and going to it."""
