"""python -m abilint: the same as the abilint console script."""
from abilint import console

console()
