// Builds a Controller attached to the built-in demo relay (src/demo) through the same client stack.
import type { Controller } from '../controller/index.js';

export async function openDemoController(): Promise<{ controller: Controller; target: string }> {
  throw new Error('the demo relay is not wired yet');
}
