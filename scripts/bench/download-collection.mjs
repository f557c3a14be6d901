// Peer of `rossum-bench client-download`: the whole-collection download algorithm of the
// Master Data Hub guide ("Downloading whole collections using API"), written again here:
// sequential `data/find` pages of 2500 records with `skip`, sorted by `_id` descending,
// `_id` projected out, each page appended to one JSON array in the output file.
// Usage: node download-collection.mjs DATA_STORAGE_BASE TOKEN COLLECTION OUTPUT_FILE
import fs from 'node:fs';

const [baseURL, token, collectionName, outputPath] = process.argv.slice(2);
if (!outputPath) {
  console.error('usage: node download-collection.mjs DATA_STORAGE_BASE TOKEN COLLECTION OUTPUT_FILE');
  process.exit(2);
}
const findEndpoint = `${baseURL}/data/find`;

async function* pages() {
  const batchSize = 2500;
  const maxAttempts = 5;
  const retryDelayMs = 5000;
  let skip = 0;
  while (true) {
    const payload = {
      collectionName,
      query: {},
      projection: { _id: 0 },
      skip,
      limit: batchSize,
      sort: { _id: -1 },
    };
    let data;
    for (let attempt = 1; ; attempt++) {
      try {
        console.log(findEndpoint, JSON.stringify(payload));
        const response = await fetch(findEndpoint, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            Authorization: `Bearer ${token}`,
          },
          body: JSON.stringify(payload),
        });
        if (!response.ok) throw new Error(`status ${response.status}`);
        data = await response.json();
        break;
      } catch (error) {
        console.error(`attempt ${attempt} failed: ${error.message}`);
        if (attempt >= maxAttempts) throw new Error('giving up after repeated failures');
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
    const records = data.result;
    if (!records || records.length === 0) return;
    yield records;
    skip += batchSize;
  }
}

const out = fs.createWriteStream(outputPath);
out.write('[');
let first = true;
for await (const records of pages()) {
  if (!first) out.write(',');
  out.write(JSON.stringify(records).slice(1, -1));
  first = false;
}
out.write(']');
await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
