import { Size } from 'mlops-constructs/gcp';

describe('Size', () => {
  test('gibibytes and mebibytes convert exactly, and show as given', () => {
    expect([Size.gibibytes(16).toMebibytes(), Size.gibibytes(16).toGibibytes(), Size.mebibytes(512).toGibibytes()]).toEqual([16384, 16, 0.5]);
    expect([Size.gibibytes(16).toString(), Size.mebibytes(512).toString()]).toEqual(['16 GiB', '512 MiB']);
  });
});
