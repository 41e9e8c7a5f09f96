#!/usr/bin/env node
'use strict';
// Writes the bundled demo month (`rerate demo`): a small CUR 1.0 export for a distributor payer with
// three customers over October and November 2023 — usage, a Reserved Instance and a Savings Plan
// shared across accounts, their fees, a Business and a Developer support plan, a Marketplace line,
// tax and a credit applied in arrears. Invented figures, made here; free to use with the project.
// Run `node samples/demo/make-demo.js` to regenerate cur-2023-10-11.csv (deterministic).
const fs = require('node:fs');
const path = require('node:path');

const PAYER = '111122223333';
const ACME_PROD = '000123456789';
const ACME_DEV = '210987654321';
const GLOBEX = '333344445555';
const INITECH = '444455556666';
const RI_ARN = `arn:aws:ec2:us-east-1:${ACME_PROD}:reserved-instances/7d3f1e2a-ri-m5-large`;
const SP_ARN = `arn:aws:savingsplans::${GLOBEX}:savingsplan/5b9c0a44-sp-compute`;

const HEADER = [
  'identity/LineItemId', 'bill/InvoiceId', 'bill/BillingEntity', 'bill/PayerAccountId',
  'bill/BillingPeriodStartDate', 'lineItem/UsageAccountId', 'lineItem/LineItemType', 'lineItem/UsageStartDate',
  'lineItem/ProductCode', 'lineItem/UsageType', 'lineItem/Operation', 'lineItem/AvailabilityZone',
  'lineItem/UsageAmount', 'lineItem/CurrencyCode', 'lineItem/UnblendedRate', 'lineItem/UnblendedCost',
  'lineItem/BlendedRate', 'lineItem/BlendedCost', 'lineItem/LineItemDescription', 'product/ProductName',
  'product/region', 'product/instanceType', 'product/operatingSystem', 'product/tenancy',
  'pricing/publicOnDemandCost', 'reservation/ReservationARN', 'reservation/EffectiveCost',
  'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod', 'reservation/UnusedRecurringFee',
  'savingsPlan/SavingsPlanARN', 'savingsPlan/SavingsPlanEffectiveCost', 'savingsPlan/TotalCommitmentToDate',
  'savingsPlan/UsedCommitment', 'resourceTags/user:CostCenter',
];

const EC2 = ['AmazonEC2', 'Amazon Elastic Compute Cloud'];
const S3 = ['AmazonS3', 'Amazon Simple Storage Service'];
const RDS = ['AmazonRDS', 'Amazon Relational Database Service'];
const LAMBDA = ['AWSLambda', 'AWS Lambda'];
const CF = ['AmazonCloudFront', 'Amazon CloudFront'];
const SUPPORT = ['AWSSupportBusiness', 'AWS Support (Business)'];
const SUPPORT_DEV = ['AWSSupportDeveloper', 'AWS Support (Developer)'];

// [account, type, product, usageType, operation, az, amount, rate, cost, blended, desc, extra]
function month(period, invoiceId) {
  const rows = [];
  const add = (account, type, product, usageType, operation, az, amount, rate, cost, blended, desc, extra = {}) =>
    rows.push({ account, type, product, usageType, operation, az, amount, rate, cost, blended, desc, ...extra });
  const nov = period === '2023-11';
  // Acme production: RI-covered m5.large (owned here), on-demand overflow, S3, RDS.
  add(ACME_PROD, 'DiscountedUsage', EC2, 'BoxUsage:m5.large', 'RunInstances', 'us-east-1a', '620', '0', '0', '37.2',
    'USD 0.0 hourly fee per Linux/UNIX (Amazon VPC), m5.large reserved instance applied',
    { instanceType: 'm5.large', os: 'Linux', tenancy: 'Shared', list: '59.52', riArn: RI_ARN, effective: '37.2' });
  add(ACME_PROD, 'Usage', EC2, 'BoxUsage:m5.large', 'RunInstances', 'us-east-1a', nov ? '310' : '250', '0.096',
    nov ? '29.76' : '24', nov ? '18.6' : '15', '$0.096 per On Demand Linux m5.large Instance Hour',
    { instanceType: 'm5.large', os: 'Linux', tenancy: 'Shared', list: nov ? '29.76' : '24' });
  add(ACME_PROD, 'RIFee', EC2, 'HeavyUsage:m5.large', 'RunInstances', '', '720', '0.06', '43.2', '43.2',
    'USD 0.06 hourly fee per Linux/UNIX (Amazon VPC), m5.large instance',
    { instanceType: 'm5.large', riArn: RI_ARN, unusedUpfront: '0', unusedRecurring: '0' });
  add(ACME_PROD, 'Usage', S3, 'TimedStorage-ByteHrs', 'PutObject', '', '1843.2', '0.023', '42.3936', '42.3936',
    '$0.023 per GB - first 50 TB / month of storage used', { list: '42.3936', tag: 'web' });
  add(ACME_PROD, 'Usage', RDS, 'InstanceUsage:db.t3.medium', 'CreateDBInstance:0002', 'us-east-1a', '720', '0.068',
    '48.96', '48.96', 'USD 0.068 per RDS db.t3.medium instance hour (or partial hour) running MySQL',
    { instanceType: 'db.t3.medium', list: '48.96', tag: 'web' });
  add(ACME_PROD, 'Usage', SUPPORT, 'Dollar', '', '', '1', '100', '100', '100', 'AWS Support (Business) minimum');
  // Acme development: small usage of its own.
  add(ACME_DEV, 'Usage', EC2, 'BoxUsage:t3.micro', 'RunInstances', 'us-east-1b', '744', '0.0104', '7.7376', '7.7376',
    '$0.0104 per On Demand Linux t3.micro Instance Hour', { instanceType: 't3.micro', os: 'Linux', tenancy: 'Shared', list: '7.7376', tag: 'dev' });
  add(ACME_DEV, 'Usage', LAMBDA, 'Request', 'Invoke', '', '3500000', '0.0000002', '0.7', '0.7',
    'AWS Lambda - Requests', { list: '0.7' });
  add(ACME_DEV, 'Usage', S3, 'Requests-Tier1', 'PutObject', '', '120000', '0.000005', '0.6', '0.6',
    '$0.005 per 1,000 PUT, COPY, POST, or LIST requests', { list: '0.6' });
  // Globex: owns a Compute Savings Plan; covered usage, negation and the recurring fee.
  add(GLOBEX, 'SavingsPlanCoveredUsage', EC2, 'BoxUsage:c5.xlarge', 'RunInstances', 'eu-west-1a', '720', '0.192',
    '138.24', '138.24', '$0.192 per On Demand Linux c5.xlarge Instance Hour',
    { instanceType: 'c5.xlarge', os: 'Linux', tenancy: 'Shared', list: '138.24', spArn: SP_ARN, spEffective: '90.72', region: 'eu-west-1' });
  add(GLOBEX, 'SavingsPlanNegation', EC2, 'BoxUsage:c5.xlarge', 'RunInstances', 'eu-west-1a', '0', '-0.192',
    '-138.24', '-138.24', 'SavingsPlanNegation used by AccountId : 333344445555 and UsageSku : 7J6XFQYCHJDQXR63',
    { instanceType: 'c5.xlarge', spArn: SP_ARN, region: 'eu-west-1' });
  add(GLOBEX, 'SavingsPlanRecurringFee', ['ComputeSavingsPlans', 'Savings Plans for AWS Compute usage'], 'ComputeSP:1yrNoUpfront', '', '', '720',
    '0.126', '90.72', '90.72', '1 year No Upfront Compute Savings Plan with 0.126 hourly commitment',
    { spArn: SP_ARN, spTotal: '90.72', spUsed: '90.72' });
  add(GLOBEX, 'Usage', CF, 'EU-DataTransfer-Out-Bytes', 'GET', '', '512', '0.085', '43.52', '43.52',
    '$0.085 per GB - first 10 TB / month data transfer out (Europe)', { list: '43.52', region: 'eu-west-1' });
  add(GLOBEX, 'Usage', SUPPORT_DEV, 'Dollar', '', '', '1', '29', '29', '29', 'AWS Support (Developer) minimum');
  add(GLOBEX, 'Usage', ['prod-abc123xyz', 'Acme Log Analytics (Marketplace)'], 'SoftwareUsage:m5.large', 'RunInstances', '', '720', '0.05',
    '36', '36', 'Marketplace software hourly', { entity: 'AWS Marketplace', list: '36' });
  // Initech: no support plan; 100 of its m5.large hours are covered by Acme's shared RI.
  add(INITECH, 'DiscountedUsage', EC2, 'BoxUsage:m5.large', 'RunInstances', 'us-east-1c', '100', '0', '0', '6',
    'USD 0.0 hourly fee per Linux/UNIX (Amazon VPC), m5.large reserved instance applied',
    { instanceType: 'm5.large', os: 'Linux', tenancy: 'Shared', list: '9.6', riArn: RI_ARN, effective: '6' });
  add(INITECH, 'Usage', EC2, 'EBS:VolumeUsage.gp3', 'CreateVolume-Gp3', 'us-east-1c', '500', '0.08', '40', '40',
    '$0.08 per GB-month of General Purpose (gp3) provisioned storage', { list: '40' });
  add(INITECH, 'Usage', S3, 'TimedStorage-ByteHrs', 'PutObject', '', '100', '0.023', '2.3', '2.3',
    '$0.023 per GB - first 50 TB / month of storage used', { list: '2.3', tag: '=HYPERLINK("http://example.invalid","x")' });
  // Tax per account and a promotional credit (October) that the distributor applies in arrears.
  add(ACME_PROD, 'Tax', EC2, '', '', '', '1', '', nov ? '18.01' : '16.52', nov ? '18.01' : '16.52', 'Tax for product code AmazonEC2');
  add(GLOBEX, 'Tax', CF, '', '', '', '1', '', '8.7', '8.7', 'Tax for product code AmazonCloudFront');
  if (!nov) {
    add(GLOBEX, 'Credit', CF, 'EU-DataTransfer-Out-Bytes', '', '', '1', '', '-25', '-25', 'AWS Promotional Credit');
    add(INITECH, 'Credit', EC2, '', '', '', '1', '', '-60', '-60', 'AWS Activate Credit');
  }
  return rows.map((r, i) => toCsv(r, period, invoiceId, i));
}

function toCsv(r, period, invoiceId, index) {
  const start = `${period}-01T00:00:00Z`;
  const values = {
    'identity/LineItemId': `demo-${period}-${String(index + 1).padStart(3, '0')}`,
    'bill/InvoiceId': invoiceId,
    'bill/BillingEntity': r.entity ?? 'AWS',
    'bill/PayerAccountId': PAYER,
    'bill/BillingPeriodStartDate': start,
    'lineItem/UsageAccountId': r.account,
    'lineItem/LineItemType': r.type,
    'lineItem/UsageStartDate': start,
    'lineItem/ProductCode': r.product[0],
    'lineItem/UsageType': r.usageType,
    'lineItem/Operation': r.operation,
    'lineItem/AvailabilityZone': r.az,
    'lineItem/UsageAmount': r.amount,
    'lineItem/CurrencyCode': 'USD',
    'lineItem/UnblendedRate': r.rate,
    'lineItem/UnblendedCost': r.cost,
    'lineItem/BlendedRate': r.rate,
    'lineItem/BlendedCost': r.blended,
    'lineItem/LineItemDescription': r.desc,
    'product/ProductName': r.product[1],
    'product/region': r.region ?? (r.az ? r.az.slice(0, -1) : 'us-east-1'),
    'product/instanceType': r.instanceType ?? '',
    'product/operatingSystem': r.os ?? '',
    'product/tenancy': r.tenancy ?? '',
    'pricing/publicOnDemandCost': r.list ?? '',
    'reservation/ReservationARN': r.riArn ?? '',
    'reservation/EffectiveCost': r.effective ?? '',
    'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod': r.unusedUpfront ?? '',
    'reservation/UnusedRecurringFee': r.unusedRecurring ?? '',
    'savingsPlan/SavingsPlanARN': r.spArn ?? '',
    'savingsPlan/SavingsPlanEffectiveCost': r.spEffective ?? '',
    'savingsPlan/TotalCommitmentToDate': r.spTotal ?? '',
    'savingsPlan/UsedCommitment': r.spUsed ?? '',
    'resourceTags/user:CostCenter': r.tag ?? '',
  };
  return HEADER.map((h) => quote(values[h])).join(',');
}

function quote(value) {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const lines = [HEADER.join(','), ...month('2023-10', '2023-10-INV-EU-8812'), ...month('2023-11', '')];
fs.writeFileSync(path.join(__dirname, 'cur-2023-10-11.csv'), `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length - 1} rows`);
