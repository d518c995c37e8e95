// A node:test reporter that writes one JSON object: what passed, failed and was skipped, and why.
// The TAP counts leave out a suite that throws while it loads (it is neither a test nor counted
// under "fail") and a skipped suite; this reporter counts every failure that is not only the
// echo of a failed child, and every skip with its reason.
export default async function* summary(source) {
  const result = { passed: 0, failed: [], skipped: [] };
  for await (const event of source) {
    const { data } = event;
    if (event.type === 'test:pass') {
      if (data.skip !== undefined || data.todo !== undefined) {
        result.skipped.push({ name: data.name, file: data.file, reason: typeof data.skip === 'string' ? data.skip : typeof data.todo === 'string' ? `todo: ${data.todo}` : 'skipped' });
      } else if (data.details?.type !== 'suite') {
        result.passed++;
      }
    } else if (event.type === 'test:fail') {
      if (data.details?.error?.failureType === 'subtestsFailed') continue;
      if (data.todo !== undefined) { result.skipped.push({ name: data.name, file: data.file, reason: `todo: ${data.todo}` }); continue; }
      result.failed.push({ name: data.name, file: data.file, error: String(data.details?.error?.cause?.message ?? data.details?.error?.message ?? '') });
    }
  }
  yield JSON.stringify(result);
}
