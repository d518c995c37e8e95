import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { readHostConfig } from '../../../server/src/host/config.js';
import { SETTING_FIELDS } from '../../../server/src/host/settings-definition.js';
import { readSettings } from '../../../server/src/lsp/settings.js';

const root = join(import.meta.dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'ftpwall.schema.json'), 'utf8'));
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const validate = new Ajv({ strict: false }).compile(schema);

describe('one definition of the settings and of .ftpwall.json', () => {
  it('the schema and package.json list exactly the fields the definition reads, where it reads them', () => {
    assert.deepEqual(Object.keys(schema.properties).sort(), SETTING_FIELDS.filter((f) => f.inHostFile).map((f) => f.key).sort());
    assert.deepEqual(Object.keys(packageJson.contributes.configuration.properties).sort(), SETTING_FIELDS.filter((f) => f.inEditor).map((f) => `ftpwall.${f.key}`).sort());
  });

  it('every field\'s documented example is accepted by both the schema and the reader', () => {
    for (const field of SETTING_FIELDS.filter((f) => f.inHostFile)) {
      const file = { [field.key]: field.example };
      assert.ok(validate(file), `${field.key}: ${JSON.stringify(validate.errors)}`);
      assert.deepEqual(readHostConfig(JSON.stringify(file)).problems, [], field.key);
    }
  });

  it('clientsFrom.network is read by the reader the engine uses: an address it cannot use is reported, not kept', () => {
    const read = (network: string) => readHostConfig(JSON.stringify({ clientsFrom: { network } }));
    assert.deepEqual(read('10.77.0.0/16').config.clientsFrom, { network: '10.77.0.0/16' });
    for (const wrong of ['300.1.2.3/24', '10.0.0.0/33', '10.0.0/8']) {
      const { config, problems } = read(wrong);
      assert.deepEqual(config.clientsFrom, {}, wrong);
      assert.deepEqual(problems, ['"clientsFrom.network" must be an IPv4 network such as "203.0.113.0/24"'], wrong);
    }
    const read6 = (network6: string) => readHostConfig(JSON.stringify({ clientsFrom: { network6 } }));
    assert.deepEqual(read6('fd77::/16').config.clientsFrom, { network6: 'fd77::/16' });
    for (const wrong of ['10.77.0.0/16', 'fd77::/129', 'fd77:::1']) {
      assert.deepEqual(read6(wrong).problems, ['"clientsFrom.network6" must be an IPv6 network such as "2001:db8:5::/48"'], wrong);
    }
  });

  it('what the schema refuses, the reader reports, field by field, keeping the rest', () => {
    const bad = [{ kernel: 5 }, { nat: 'yes' }, { firewall: 'rules.v4' }, { clients: 'sometimes' }, { ignore: [1] }, { rules: { 'vsftpd/anonymous-login': 'loud' } }, { variables: { ROLE: 3 } }, { variables: { 'not a name': 'x' } }, { variables: ['ROLE=ftp'] }, { connectPort: 0 }, { connectPort: '2121' }, { connectPort: 21.5 }, { addresses: '192.0.2.10' }, { gateways: '../gw' }, { arguments: ['start'] }, { arguments: { 'etc/firewall.sh': 'start' } }];
    for (const file of bad) {
      assert.equal(validate(file), false, JSON.stringify(file));
      assert.equal(readHostConfig(JSON.stringify(file)).problems.length, 1, JSON.stringify(file));
    }
    const mixed = readHostConfig(JSON.stringify({ kernel: '5.4', rules: { 'vsftpd/anonymous-login': 'off', 'x/y': 'loud' }, colour: 'red' }));
    assert.equal(mixed.config.kernel, '5.4');
    assert.deepEqual(mixed.config.rules, { 'vsftpd/anonymous-login': 'off' });
    assert.deepEqual(mixed.problems, ['"rules"."x/y" must be one of error, warning, information, hint, off', '.ftpwall.json has no field "colour" (known: kernel, nat, connectPort, addresses, gateways, serverInterface, firewall, clients, clientsFrom, ignore, rules, variables, arguments)']);
  });

  it('keeps the host\'s addresses that are addresses and reports the others', () => {
    const { config, problems } = readHostConfig(JSON.stringify({ addresses: ['192.0.2.10', '2001:db8::1', '300.1.1.1', 'gateway'], connectPort: 2121 }));
    assert.deepEqual(config.addresses, ['192.0.2.10', '2001:db8::1']);
    assert.equal(config.connectPort, 2121);
    assert.deepEqual(problems, ['"addresses": "300.1.1.1" is not an IPv4 or IPv6 address', '"addresses": "gateway" is not an IPv4 or IPv6 address']);
  });

  it('the editor\'s settings go through the same readers: an empty kernel is "not set", wrong parts are reported and left out', () => {
    const read = readSettings({ kernel: '', rules: { 'vsftpd/anonymous-login': 'off', 'x/y': 3 }, ignore: 'backup', trace: { server: 'off' } });
    assert.equal(read.kernel, undefined);
    assert.deepEqual(read.rules, { 'vsftpd/anonymous-login': 'off' });
    assert.deepEqual(read.ignore, []);
    assert.deepEqual(read.problems, ['ftpwall settings: "rules"."x/y" must be one of error, warning, information, hint, off', 'ftpwall settings: "ignore" must be a list of paths']);
    assert.equal(readSettings({ kernel: '5.15' }).kernel, '5.15');
    assert.deepEqual(readSettings({ kernel: 'new' }).problems, ['ftpwall settings: "kernel" must be a version string such as "5.15"']);
  });
});
