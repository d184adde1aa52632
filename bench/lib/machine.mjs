// The machine/date line printed above the table: figures only compare within one run.
import { cpus, loadavg, totalmem } from 'node:os';

/** "2025-05-18 · Node v20.20.2 · linux x64 · 2 × Intel Xeon … · 24 GiB · load 0.52" */
export function machineLine() {
  const cpu = cpus();
  const model = (cpu[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  const gib = Math.round(totalmem() / 1024 ** 3);
  const load = loadavg()[0].toFixed(2);
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  return `${date} UTC · Node ${process.version} · ${process.platform} ${process.arch} · ${cpu.length} × ${model} · ${gib} GiB · load ${load} at start`;
}
