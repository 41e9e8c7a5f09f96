'use strict';
// The tables for the invoice benchmark: a 50-rule price book, four customers over the generated
// file's eight accounts in two invoice currencies (USD, EUR), a Business support plan, FX rates.
const fs = require('node:fs');
const path = require('node:path');

const ACCOUNTS = ['000000000001', '000000000002', '001234567890', '012345678901', '000987654321', '123456789012', '210987654321', '000000004242'];
const CUSTOMERS = ['Acme', 'Globex', 'Initech', 'Umbrella'];
const PRODUCTS = ['AmazonEC2', 'AmazonS3', 'AmazonRDS', 'AWSLambda', 'AmazonCloudFront', 'AmazonDynamoDB', 'AmazonVPC', 'AWSELB',
  'AmazonCloudWatch', 'awskms', 'AWSDataTransfer', 'AmazonEFS', 'AmazonSNS', 'AWSQueueService', 'AmazonRoute53'];
const METHODS = [['markup', '8%'], ['margin', '0.12'], ['discount', '3%'], ['passthrough', ''], ['markup', '0.05']];

function writeInvoiceTables(dir) {
  const header = 'Rule,Customer,Account,ProductCode,UsageType,Operation,Region,ChargeKind,BillingEntity,Basis,Method,Value,ValidFrom,ValidTo,Note';
  const rules = ['default,,,,,,,,,unblended,markup,10%,,,everything'];
  for (let i = 0; rules.length < 50; i += 1) {
    const [method, value] = METHODS[i % METHODS.length];
    const product = PRODUCTS[i % PRODUCTS.length];
    const customer = i % 3 === 0 ? CUSTOMERS[i % CUSTOMERS.length] : '';
    const account = i % 7 === 0 ? ACCOUNTS[i % ACCOUNTS.length] : '';
    const usageType = i % 4 === 0 ? '*Usage*' : '';
    const region = i % 5 === 0 ? 'us-*' : '';
    const basis = product === 'AmazonEC2' && i % 2 === 0 ? 'amortized' : 'unblended';
    rules.push(`r${i + 1},${customer},${account},${product},${usageType},,${region},,,${basis},${method},${value},,,bench rule ${i + 1}`);
  }
  rules[rules.length - 1] = 'credits,,,,,,,credit,,unblended,passthrough,,,,credits at cost';
  const files = {
    pricebook: path.join(dir, 'bench-pricebook.csv'),
    customers: path.join(dir, 'bench-customers.csv'),
    fx: path.join(dir, 'bench-fx.csv'),
  };
  fs.writeFileSync(files.pricebook, `${header}\n${rules.join('\n')}\n`);
  const customers = ACCOUNTS.map((account, i) => {
    const customer = CUSTOMERS[i % CUSTOMERS.length];
    const currency = i % 2 === 0 ? 'USD' : 'EUR';
    const plan = i < 2 ? 'business' : '';
    return `${customer},${account},${plan},${currency}`;
  });
  fs.writeFileSync(files.customers, `Customer,Account,SupportPlan,Currency\n${customers.join('\n')}\n`);
  fs.writeFileSync(files.fx, 'Period,From,To,Rate\n2023-11,USD,EUR,0.9302\n2023-12,USD,EUR,0.9187\n');
  return files;
}

module.exports = { writeInvoiceTables };
