#!/usr/bin/env node
'use strict';
// Writes a deterministic, realistic CUR 1.0 month for benchmarks and large-file tests:
//   node bench/generate-cur.js OUT.csv [rows=1000000] [--gzip] [--seed N]
// The header is the public sample's 94 columns (read at run time, never copied) plus six
// resourceTags/user:* columns; values are ~700 bytes a row, so 1,000,000 rows are ~700 MB.
// It streams (never holds the file) and prints one JSON line on stdout with the exact
// Σ lineItem/UnblendedCost (BigInt at 10 decimals) overall and per line item type, also
// written beside the output as OUT.json, so a reader's totals can be checked to the last digit.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SAMPLE = path.resolve(__dirname, '../samples/public/cur1-sample-2023-11.csv');
const TAGS = ['Name', 'Environment', 'CostCenter', 'Owner', 'Project', 'Application'];
const SCALE = 10; // every generated amount is an integer count of 1e-10

function usage() {
  process.stderr.write('usage: node bench/generate-cur.js OUT.csv [rows=1000000] [--gzip] [--seed N]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  let gzip = false;
  let seed = 20231101;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--gzip') gzip = true;
    else if (argv[i] === '--seed') seed = Number(argv[++i]);
    else if (argv[i].startsWith('--')) usage();
    else positional.push(argv[i]);
  }
  if (positional.length < 1 || positional.length > 2) usage();
  const rows = positional[1] === undefined ? 1000000 : Number(positional[1]);
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(seed)) usage();
  return { out: positional[0], rows, gzip, seed };
}

/** mulberry32: tiny, fast, and the same sequence on every machine. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readSampleHeader() {
  const fd = fs.openSync(SAMPLE, 'r');
  const buffer = Buffer.alloc(8192);
  const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
  fs.closeSync(fd);
  const text = buffer.toString('utf8', 0, n).replace(/^\uFEFF/, '');
  const header = text.slice(0, text.search(/\r?\n/)).split(',');
  if (header.length !== 94) throw new Error(`expected 94 columns in ${SAMPLE}, found ${header.length}`);
  return header;
}

/** Decimal text of an integer count of 1e-10, trimmed like CUR writes it (`0.0`, `1.5`, `0.0123`). */
function plain(scaled) {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, digits.length - SCALE);
  let fraction = digits.slice(digits.length - SCALE).replace(/0+$/, '');
  if (fraction === '') fraction = '0';
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** The same value in Java's exponent form, as CUR writes tiny amounts (`1.81E-8`). */
function exponent(scaled) {
  if (scaled === 0n) return '0.0';
  const negative = scaled < 0n;
  let digits = (negative ? -scaled : scaled).toString();
  let zeros = 0;
  while (digits.endsWith('0')) { digits = digits.slice(0, -1); zeros++; }
  const power = digits.length - 1 + zeros - SCALE;
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : `${digits}.0`;
  return `${negative ? '-' : ''}${mantissa}E${power}`;
}

/** CSV field: quoted (quotes doubled) only when it must be. */
function field(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const ACCOUNTS = ['000000000001', '000000000002', '001234567890', '012345678901', '000987654321', '123456789012', '210987654321', '000000004242'];
const PAYER = '000000000001';

// product code, product name, usage types, operation, unit, rate per unit (×1e-10), product family
const PRODUCTS = [
  ['AmazonEC2', 'Amazon Elastic Compute Cloud', ['BoxUsage:m5.large', 'BoxUsage:t3.medium', 'BoxUsage:c6g.xlarge', 'EBS:VolumeUsage.gp3'], 'RunInstances', 'Hrs', 960000000n, 'Compute Instance'],
  ['AmazonS3', 'Amazon Simple Storage Service', ['TimedStorage-ByteHrs', 'Requests-Tier1', 'Requests-Tier2'], 'PutObject', 'GB-Mo', 230000000n, 'Storage'],
  ['AmazonRDS', 'Amazon Relational Database Service', ['InstanceUsage:db.r5.large', 'RDS:GP2-Storage'], 'CreateDBInstance:0002', 'Hrs', 2500000000n, 'Database Instance'],
  ['AWSLambda', 'AWS Lambda', ['Lambda-GB-Second', 'Request'], 'Invoke', 'Lambda-GB-Second', 166667n, 'Serverless'],
  ['AmazonCloudFront', 'Amazon CloudFront', ['DataTransfer-Out-Bytes', 'Requests-Tier1'], 'GET', 'GB', 850000000n, 'Data Transfer'],
  ['AmazonDynamoDB', 'Amazon DynamoDB', ['ReadRequestUnits', 'WriteRequestUnits', 'TimedStorage-ByteHrs'], 'PayPerRequestThroughput', 'ReadRequestUnits', 2500n, 'Amazon DynamoDB PayPerRequest Throughput'],
  ['AmazonVPC', 'Amazon Virtual Private Cloud', ['NatGateway-Hours', 'PublicIPv4:InUseAddress'], 'NatGateway', 'Hrs', 450000000n, 'NAT Gateway'],
  ['AWSELB', 'Elastic Load Balancing', ['LoadBalancerUsage', 'LCUUsage'], 'LoadBalancing:Application', 'Hrs', 225000000n, 'Load Balancer-Application'],
  ['AmazonCloudWatch', 'AmazonCloudWatch', ['CW:MetricMonitorUsage', 'DataProcessing-Bytes'], 'MetricStorage', 'Metrics', 3000000000n, 'Metric'],
  ['awskms', 'AWS Key Management Service', ['KMS-Requests', 'KMS-Keys'], 'GenerateDataKey', 'Requests', 300000n, 'Encryption Key'],
  ['AWSDataTransfer', 'AWS Data Transfer', ['DataTransfer-Out-Bytes', 'DataTransfer-Regional-Bytes'], 'InterZone-Out', 'GB', 100000000n, 'Data Transfer'],
  ['AmazonEFS', 'Amazon Elastic File System', ['TimedStorage-ByteHrs'], 'Storage', 'GB-Mo', 3000000000n, 'Storage'],
  ['AmazonSNS', 'Amazon Simple Notification Service', ['Requests-Tier1', 'DeliveryAttempts-HTTP'], 'Publish', 'Requests', 5000n, 'Message Delivery'],
  ['AWSQueueService', 'Amazon Simple Queue Service', ['Requests-RBP'], 'SendMessage', 'Requests', 4000n, 'API Request'],
  ['AmazonRoute53', 'Amazon Route 53', ['HostedZone', 'DNS-Queries'], 'QueryCount', 'Queries', 4000n, 'DNS Query'],
  ['AWSSupportBusiness', 'AWS Support (Business)', ['Dollar'], '', 'Dollar', 10000000000n, 'Support'],
];

const REGIONS = [
  ['us-east-1', 'USE1', 'US East (N. Virginia)', ['us-east-1a', 'us-east-1b', 'us-east-1c']],
  ['us-west-2', 'USW2', 'US West (Oregon)', ['us-west-2a', 'us-west-2b']],
  ['eu-west-1', 'EU', 'EU (Ireland)', ['eu-west-1a', 'eu-west-1b']],
  ['ca-central-1', 'CAN1', 'Canada (Central)', ['ca-central-1a', 'ca-central-1b']],
  ['ap-northeast-1', 'APN1', 'Asia Pacific (Tokyo)', ['ap-northeast-1a', 'ap-northeast-1c']],
];

// Line item types with their share of rows (per mille).
const TYPES = [['Usage', 700], ['DiscountedUsage', 80], ['SavingsPlanCoveredUsage', 80], ['SavingsPlanNegation', 80], ['RIFee', 15], ['Tax', 20], ['Credit', 15], ['Fee', 10]];

const TAG_VALUES = {
  Name: ['web-1', 'web-2', 'api', 'batch-worker', 'db-primary', 'etl, nightly', 'dashboard'],
  Environment: ['prod', 'staging', 'dev', 'test'],
  CostCenter: ['CC-1001', 'CC-2002', 'CC-3003', '0042'],
  Owner: ['alice@example.com', 'bob@example.com', 'platform-team', 'Zoë Müller'],
  Project: ['apollo', 'gemini', 'mercury', 'skunkworks'],
  Application: ['checkout', 'search', 'billing', 'reporting', ''],
};

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function main() {
  const { out, rows, gzip, seed } = parseArgs(process.argv.slice(2));
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const header = readSampleHeader().concat(TAGS.map((t) => `resourceTags/user:${t}`));
  const col = Object.fromEntries(header.map((name, i) => [name, i]));
  const width = header.length;
  const typeTable = [];
  for (const [type, share] of TYPES) for (let i = 0; i < share; i++) typeTable.push(type);

  const file = fs.createWriteStream(out);
  const sink = gzip ? zlib.createGzip({ level: 6 }) : file;
  if (gzip) sink.pipe(file);

  const totals = { all: 0n };
  const counts = {};
  for (const [type] of TYPES) { totals[type] = 0n; counts[type] = 0; }
  let bytes = 0;
  let written = 0;

  /** An amount of about `units` (×1e-10) with up to 10 decimals. */
  const amount = (units) => BigInt(Math.floor(random() * Number(units))) + 1n;
  const money = (scaled) => (scaled !== 0n && (scaled < 0n ? -scaled : scaled) < 10000000n && random() < 0.7 ? exponent(scaled) : plain(scaled));

  function makeRow(index) {
    const r = new Array(width).fill('');
    const type = typeTable[Math.floor(random() * typeTable.length)];
    const product = type === 'Tax' || type === 'Credit' ? pick(PRODUCTS.slice(0, 15)) : pick(PRODUCTS);
    const [code, productName, usageTypes, operation, unit, rate, family] = product;
    const [region, prefix, location, zones] = pick(REGIONS);
    const day = 1 + Math.floor(random() * 30);
    const hour = Math.floor(random() * 24);
    const dd = String(day).padStart(2, '0');
    const next = day === 30 ? '2023-12-01' : `2023-11-${String(day + 1).padStart(2, '0')}`;
    const hh = String(hour).padStart(2, '0');
    const start = `2023-11-${dd}T${hh}:00:00.000Z`;
    const end = hour === 23 ? `${next}T00:00:00.000Z` : `2023-11-${dd}T${String(hour + 1).padStart(2, '0')}:00:00.000Z`;
    const account = pick(ACCOUNTS);
    const usageType = `${prefix}-${pick(usageTypes)}`;

    let id = '';
    for (let i = 0; i < 52; i++) id += BASE32[Math.floor(random() * 32)];
    r[col['identity/LineItemId']] = id;
    r[col['identity/TimeInterval']] = `2023-11-${dd}T00:00:00Z/${next}T00:00:00Z`;
    r[col['bill/InvoicingEntity']] = field('Amazon Web Services, Inc.');
    r[col['bill/BillingEntity']] = 'AWS';
    r[col['bill/BillType']] = 'Anniversary';
    r[col['bill/PayerAccountId']] = PAYER;
    r[col['bill/BillingPeriodStartDate']] = '2023-11-01T00:00:00.000Z';
    r[col['bill/BillingPeriodEndDate']] = '2023-12-01T00:00:00.000Z';
    r[col['lineItem/UsageAccountId']] = account;
    r[col['lineItem/LineItemType']] = type;
    r[col['lineItem/UsageStartDate']] = type === 'RIFee' || type === 'Tax' ? '2023-11-01T00:00:00.000Z' : start;
    r[col['lineItem/UsageEndDate']] = type === 'RIFee' || type === 'Tax' ? '2023-12-01T00:00:00.000Z' : end;
    r[col['lineItem/ProductCode']] = code;
    r[col['lineItem/CurrencyCode']] = 'USD';
    r[col['lineItem/LegalEntity']] = field('Amazon Web Services, Inc.');
    r[col['product/ProductName']] = productName;

    // Quantity at 10 decimals, cost = quantity × rate kept exact at 10 decimals (truncated, like a bill).
    const quantity = amount(type === 'RIFee' ? 7200000000000n : 50000000000n);
    let cost = (quantity * rate) / 10000000000n;
    let description;
    switch (type) {
      case 'Usage':
        description = `$${plain(rate)} per ${unit} for ${pick(usageTypes)} in ${location}`;
        break;
      case 'DiscountedUsage':
        r[col['reservation/EffectiveCost']] = money(cost);
        r[col['reservation/RecurringFeeForUsage']] = money(cost);
        r[col['reservation/SubscriptionId']] = String(100000000 + Math.floor(random() * 9000000));
        description = `Linux/UNIX (Amazon VPC), ${pick(usageTypes)} reserved instance applied`;
        cost = 0n;
        break;
      case 'SavingsPlanCoveredUsage':
        r[col['savingsPlan/SavingsPlanARN']] = `arn:aws:savingsplans::${account}:savingsplan/${id.slice(0, 8)}-1111-2222-3333-${id.slice(8, 20)}`;
        r[col['savingsPlan/SavingsPlanRate']] = plain(rate / 2n);
        r[col['savingsPlan/SavingsPlanEffectiveCost']] = money(cost / 2n);
        description = `Savings Plan covered usage, "Compute" plan for ${pick(usageTypes)}`;
        break;
      case 'SavingsPlanNegation':
        r[col['savingsPlan/SavingsPlanARN']] = `arn:aws:savingsplans::${account}:savingsplan/${id.slice(0, 8)}-1111-2222-3333-${id.slice(8, 20)}`;
        cost = -cost;
        description = `SavingsPlanNegation used by AccountId : ${account} and UsageSku : ${id.slice(0, 16).toUpperCase()}`;
        break;
      case 'RIFee':
        r[col['reservation/UnusedQuantity']] = plain(amount(100000000000n));
        r[col['reservation/UnusedRecurringFee']] = money(amount(cost > 1n ? cost : 2n));
        r[col['reservation/NumberOfReservations']] = String(1 + Math.floor(random() * 20));
        description = `USD ${plain(rate)} hourly fee per Linux/UNIX (Amazon VPC), ${pick(usageTypes)} instance`;
        break;
      case 'Tax':
        cost = amount(50000000000n);
        r[col['lineItem/TaxType']] = 'Sales Tax';
        description = `Tax for product code ${code}`;
        break;
      case 'Credit':
        cost = -amount(200000000000n);
        description = `AWS Credits, "Activate" program (promotion ${id.slice(0, 6).toUpperCase()})`;
        break;
      default: // Fee
        cost = amount(5000000000000n);
        description = `Sign up charge for subscription: ${id.slice(0, 9)}, planId: ${id.slice(9, 16)}`;
    }
    r[col['lineItem/LineItemDescription']] = field(description);
    if (type !== 'Tax' && type !== 'Credit' && type !== 'Fee' && type !== 'RIFee') {
      r[col['lineItem/UsageType']] = usageType;
      r[col['lineItem/Operation']] = operation;
      r[col['lineItem/AvailabilityZone']] = family.startsWith('Compute') || family.startsWith('Database') ? pick(zones) : '';
      r[col['product/location']] = location;
      r[col['product/region']] = region;
      r[col['product/regionCode']] = region;
      r[col['product/productFamily']] = family;
      r[col['product/servicecode']] = code;
      r[col['product/usagetype']] = usageType;
      r[col['pricing/RateId']] = String(10000000000 + index);
      r[col['pricing/currency']] = 'USD';
      r[col['pricing/publicOnDemandCost']] = money((quantity * rate) / 10000000000n);
      r[col['pricing/publicOnDemandRate']] = plain(rate);
      r[col['pricing/term']] = type === 'Usage' || type.startsWith('SavingsPlan') ? 'OnDemand' : 'Reserved';
      r[col['pricing/unit']] = unit;
    }
    r[col['lineItem/UsageAmount']] = plain(quantity);
    r[col['lineItem/UnblendedRate']] = type === 'Usage' || type === 'SavingsPlanCoveredUsage' ? plain(rate) : '';
    r[col['lineItem/UnblendedCost']] = money(cost);
    r[col['lineItem/BlendedRate']] = r[col['lineItem/UnblendedRate']];
    r[col['lineItem/BlendedCost']] = r[col['lineItem/UnblendedCost']];
    if (code === 'AmazonEC2' && type !== 'Tax' && type !== 'Credit') {
      r[col['lineItem/NormalizationFactor']] = '4.0';
      r[col['lineItem/NormalizedUsageAmount']] = plain(quantity * 4n);
    }
    for (const tag of TAGS) {
      if (random() < 0.6) r[col[`resourceTags/user:${tag}`]] = field(pick(TAG_VALUES[tag]));
    }
    totals[type] += cost;
    totals.all += cost;
    counts[type]++;
    return r.join(',');
  }

  const BATCH = 2000;
  function writeSome() {
    while (written < rows) {
      const lines = [];
      const stop = Math.min(rows, written + BATCH);
      for (; written < stop; written++) lines.push(makeRow(written));
      const text = `${lines.join('\n')}\n`;
      bytes += Buffer.byteLength(text);
      if (!sink.write(text)) {
        sink.once('drain', writeSome);
        return;
      }
    }
    sink.end();
  }

  const head = `${header.join(',')}\n`;
  bytes += Buffer.byteLength(head);
  sink.write(head);
  file.on('finish', () => {
    const summary = {
      file: out,
      rows,
      seed,
      csvBytes: bytes,
      fileBytes: fs.statSync(out).size,
      columns: width,
      unblendedTotal: plain(totals.all),
      unblendedByLineItemType: Object.fromEntries(TYPES.map(([t]) => [t, plain(totals[t])])),
      rowsByLineItemType: counts,
    };
    fs.writeFileSync(`${out}.json`, `${JSON.stringify(summary, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  });
  writeSome();
}

main();
