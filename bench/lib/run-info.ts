// What every benchmark's results file starts with: when, on which Node, how many cores, how busy.
import os from 'node:os';
import { round } from './stats';

export function runInfo() {
  return { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg().map((n) => round(n, 2)) };
}
