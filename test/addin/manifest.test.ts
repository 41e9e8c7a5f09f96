/**
 * The manifest's invariants, checked offline (Microsoft's validator needs the network): the shared
 * runtime that lets the task pane and the DBR functions share state, https everywhere, the least
 * permission, and icons that exist at the sizes the manifest claims.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

type Ordered = Record<string, unknown>;

function toNode(entry: Ordered): XmlNode {
  const name = Object.keys(entry).find((key) => key !== ':@') ?? '';
  const attrs = (entry[':@'] ?? {}) as Record<string, string>;
  const raw = (entry[name] ?? []) as Ordered[];
  const children = raw.filter((child) => !('#text' in child)).map(toNode);
  const text = raw.filter((child) => '#text' in child).map((child) => String(child['#text'])).join('');
  return { name, attrs, children, text };
}

const repoRoot = resolve(__dirname, '../..');
const xml = readFileSync(resolve(repoRoot, 'manifest.xml'), 'utf8');
const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, parseAttributeValue: false, parseTagValue: false })
  .parse(xml) as Ordered[];
const app = parsed.map(toNode).find((node) => node.name === 'OfficeApp') as XmlNode;

function all(node: XmlNode, name: string): XmlNode[] {
  const found = node.name === name ? [node] : [];
  return found.concat(...node.children.map((child) => all(child, name)));
}

function one(node: XmlNode, name: string): XmlNode {
  const found = all(node, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0];
}

const versionHost = one(one(app, 'VersionOverrides'), 'Hosts').children[0];
const urls = new Map(all(app, 'bt:Url').map((url) => [url.attrs.id, url.attrs.DefaultValue]));
const images = new Map(all(app, 'bt:Image').filter((i) => i.attrs.id).map((i) => [i.attrs.id, i.attrs.DefaultValue]));

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function assetPath(url: string): string {
  return resolve(repoRoot, new URL(url).pathname.replace(/^\//, ''));
}

describe('manifest.xml', () => {
  test('the Id is a GUID and the app is an Excel task pane app', () => {
    expect(one(app, 'Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(app.attrs['xsi:type']).toBe('TaskPaneApp');
    const hosts = app.children.find((child) => child.name === 'Hosts') as XmlNode;
    expect(hosts.children.map((host) => host.attrs.Name)).toEqual(['Workbook']);
  });

  test('the shared runtime comes first inside <Host> and lives long', () => {
    expect(versionHost.name).toBe('Host');
    expect(versionHost.attrs['xsi:type']).toBe('Workbook');
    expect(versionHost.children[0].name).toBe('Runtimes');
    const runtimes = versionHost.children[0].children;
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].attrs).toEqual({ resid: 'Taskpane.Url', lifetime: 'long' });
  });

  test('the runtime, the functions Page, the FunctionFile and the ribbon action share one resid', () => {
    const functions = all(versionHost, 'ExtensionPoint').find((point) => point.attrs['xsi:type'] === 'CustomFunctions') as XmlNode;
    expect(one(one(functions, 'Page'), 'SourceLocation').attrs.resid).toBe('Taskpane.Url');
    expect(one(versionHost, 'FunctionFile').attrs.resid).toBe('Taskpane.Url');
    expect(one(one(versionHost, 'Action'), 'SourceLocation').attrs.resid).toBe('Taskpane.Url');
    expect(urls.get('Taskpane.Url')).toBe('https://localhost:3000/taskpane.html');
  });

  test('SharedRuntime 1.1 is required', () => {
    const sets = all(one(app, 'Requirements'), 'Set').map((set) => [set.attrs.Name, set.attrs.MinVersion]);
    expect(sets).toEqual([['SharedRuntime', '1.1']]);
  });

  test('custom functions live in namespace DBR with metadata in functions.json', () => {
    const functions = all(versionHost, 'ExtensionPoint').find((point) => point.attrs['xsi:type'] === 'CustomFunctions') as XmlNode;
    const namespaceId = one(functions, 'Namespace').attrs.resid;
    const strings = new Map(all(app, 'bt:String').map((s) => [s.attrs.id, s.attrs.DefaultValue]));
    expect(strings.get(namespaceId)).toBe('DBR');
    const metadataUrl = urls.get(one(one(functions, 'Metadata'), 'SourceLocation').attrs.resid) as string;
    expect(metadataUrl).toMatch(/\/functions\.json$/);
    expect(urls.get(one(one(functions, 'Script'), 'SourceLocation').attrs.resid)).toMatch(/\/functions\.js$/);
  });

  test('a Home tab button shows the task pane', () => {
    const tab = one(versionHost, 'OfficeTab');
    expect(tab.attrs.id).toBe('TabHome');
    const control = one(tab, 'Control');
    expect(control.attrs['xsi:type']).toBe('Button');
    expect(one(control, 'Action').attrs['xsi:type']).toBe('ShowTaskpane');
  });

  test('every URL is https on localhost:3000 and no AppDomains are added', () => {
    const values = [...xml.matchAll(/(?:DefaultValue|href)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(values.length).toBeGreaterThan(8);
    for (const value of values) expect(value).toMatch(/^https:\/\/localhost:3000\//);
    expect(all(app, 'AppDomains')).toHaveLength(0);
    expect(all(app, 'AppDomain')).toHaveLength(0);
  });

  test('the permission is ReadWriteDocument, the least that writes sheets', () => {
    expect(one(app, 'Permissions').text).toBe('ReadWriteDocument');
  });

  test('every icon the manifest references exists in assets/ at its stated pixel size', () => {
    const referenced: [string, number][] = [
      [one(app, 'IconUrl').attrs.DefaultValue, 32],
      [one(app, 'HighResolutionIconUrl').attrs.DefaultValue, 64],
    ];
    for (const use of all(versionHost, 'bt:Image')) {
      const url = images.get(use.attrs.resid) as string;
      expect(url).toBeDefined();
      referenced.push([url, Number(use.attrs.size)]);
    }
    expect(new Set(referenced.map(([, size]) => size))).toEqual(new Set([16, 32, 64, 80]));
    for (const [url, size] of referenced) {
      const path = assetPath(url);
      expect(existsSync(path)).toBe(true);
      expect(pngSize(path)).toEqual({ width: size, height: size });
    }
    expect(pngSize(resolve(repoRoot, 'assets/icon-128.png'))).toEqual({ width: 128, height: 128 });
  });
});
