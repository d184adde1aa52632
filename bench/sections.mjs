// The sections of the benchmark, in the order they run and print.
import { clientSuite } from './suites/client.mjs';
import { growthSuite } from './suites/growth.mjs';
import { httpSuite } from './suites/http.mjs';
import { importsSuite } from './suites/imports.mjs';
import { pipelineSuite } from './suites/pipeline.mjs';

export const SECTIONS = {
  pipeline: pipelineSuite,
  http: httpSuite,
  client: clientSuite,
  growth: growthSuite,
  imports: importsSuite,
};
