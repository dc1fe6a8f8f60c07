"""The generator's words as a seed means them for SMAA's performances, built without the
sampler: what its tests compare the sampler's values with."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.smaa_sampling import Sampler, draw_tile


def words_cell_by_cell(
    rng: np.random.Generator, draws: int, b: int, cells: int
) -> NDArray[np.uint32]:
    """The 32-bit words of the first `b` samples of `rng`'s stream, `(draws, b)`, for a table
    of `cells` cells: each draw tile's 64-bit words, read as pairs of little-endian 32-bit
    words, give its samples' first uniforms, then their second, and so on (`draws` per
    sample, rounded up to whole 64-bit words)."""
    tile, even = draw_tile(cells), draws + draws % 2
    tiles = []
    for _ in range(-(-b // tile)):
        raw = rng.bit_generator.random_raw(tile * even // 2).astype("<u8")
        tiles.append(raw.view("<u4").reshape(even, tile)[:draws])
    return np.concatenate(tiles, axis=1)[:, :b]


def whole_values(sampler: Sampler, rng: np.random.Generator, b: int) -> NDArray[np.float64]:
    """The sampler's next `b` samples' values with their constant terms: its `values` plus
    its `offsets` (a new array)."""
    return sampler.values(rng, b) + sampler.offsets.T[:, :, None]
