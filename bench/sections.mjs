// The sections of the benchmark, in the order they run and print.
import { httpSuite } from './suites/http.mjs';
import { pipelineSuite } from './suites/pipeline.mjs';

export const SECTIONS = {
  pipeline: pipelineSuite,
  http: httpSuite,
};
