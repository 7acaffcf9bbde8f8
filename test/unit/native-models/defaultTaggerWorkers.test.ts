import { describe, expect, it } from 'vitest';
import { defaultTaggerWorkers, workerMemoryMb } from '../../../native-models/tagger/TaggerPool.js';

describe('defaultTaggerWorkers', () => {
  it('runs one worker per core when a quarter of the memory holds them all', () => {
    expect(defaultTaggerWorkers('fast', { cores: 2, memoryMb: 24 * 1024 })).toBe(2);
    expect(defaultTaggerWorkers('accurate', { cores: 2, memoryMb: 24 * 1024 })).toBe(2);
  });

  it('runs fewer workers than cores where their memory would pass a quarter of the machine', () => {
    const laptop = { cores: 8, memoryMb: 8 * 1024 };
    const accurate = defaultTaggerWorkers('accurate', laptop);
    expect(accurate).toBe(4);
    expect(accurate * workerMemoryMb.accurate).toBeLessThanOrEqual(laptop.memoryMb / 4);
    expect(defaultTaggerWorkers('fast', laptop)).toBe(6);
  });

  it('always runs at least one', () => {
    expect(defaultTaggerWorkers('accurate', { cores: 4, memoryMb: 1024 })).toBe(1);
    expect(defaultTaggerWorkers('fast', { cores: 0, memoryMb: 64 * 1024 })).toBe(1);
  });
});
