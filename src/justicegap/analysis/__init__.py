"""Pure functions over the dataset's frames; every one takes the ``as_of`` date it answers for."""
