/**
 * BlazeFace's anchor centres in input pixels: one grid per output stride, several anchors per cell, row-major,
 * in the order the model's outputs list them (the stride-16 grid's 512 rows, then the stride-32 grid's 384).
 */
export function faceAnchors(inputSize: number, grids: readonly { stride: number; perCell: number }[]): Float32Array {
  const centres: number[] = [];
  for (const { stride, perCell } of grids) {
    const cells = inputSize / stride;
    for (let y = 0; y < cells; y++) {
      for (let x = 0; x < cells; x++) {
        for (let k = 0; k < perCell; k++) centres.push(stride * (x + 0.5), stride * (y + 0.5));
      }
    }
  }
  return Float32Array.from(centres);
}
