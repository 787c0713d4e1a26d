// A sandbox thread entry for the pool's own tests: tasks that never stop by themselves, which real
// tasks (with their render budgets) cannot be made to do.
'use strict';
module.exports = function run({ task, input }) {
  if (input === 'spin') for (;;);
  if (input === 'hog') {
    const kept = [];
    for (;;) kept.push(new Array(1e6).fill(kept.length));
  }
  return { ok: true, value: `${task}: ${input}` };
};
