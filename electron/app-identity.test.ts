import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveVaultHome } from '../core/paths';
import { adoptVaultHomeAsUserData } from './app-identity';

const fakeApp = () => ({ setName: vi.fn(), setPath: vi.fn() });

describe('adoptVaultHomeAsUserData', () => {
  it('names the app Keystash and puts userData where the CLI looks for the vault', () => {
    const app = fakeApp();
    const env = { XDG_CONFIG_HOME: '/home/u/.config' };
    const home = adoptVaultHomeAsUserData(app, env);
    expect(app.setName).toHaveBeenCalledWith('Keystash');
    expect(app.setPath).toHaveBeenCalledWith('userData', home);
    expect(home).toBe(resolveVaultHome(env));
    if (process.platform === 'linux') expect(home).toBe('/home/u/.config/Keystash');
  });

  it('matches Electron’s default userData rule on Linux when nothing is overridden', () => {
    if (process.platform !== 'linux') return;
    expect(adoptVaultHomeAsUserData(fakeApp(), {})).toBe(join(homedir(), '.config', 'Keystash'));
  });

  it('follows KEYSTASH_HOME, so a throwaway vault gets its own profile and instance lock', () => {
    const app = fakeApp();
    expect(adoptVaultHomeAsUserData(app, { KEYSTASH_HOME: '/tmp/vault-1' })).toBe('/tmp/vault-1');
    expect(app.setPath).toHaveBeenCalledWith('userData', '/tmp/vault-1');
  });
});
