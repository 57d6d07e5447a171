import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { CachingBotFrameworkAuthentication } from './caching-authentication';

const activity = (serviceUrl: string) =>
  ({ type: 'message', channelId: 'test', serviceUrl, conversation: { id: 'c1' }, from: { id: 'u' }, recipient: { id: 'b' } }) as Activity;

describe('CachingBotFrameworkAuthentication', () => {
  const local = () => new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));

  it('hands every request for the same serviceUrl and audience the same ConnectorClient', async () => {
    const auth = local();
    const first = await auth.authenticateRequest(activity('http://localhost:1'), '');
    const second = await auth.authenticateRequest(activity('http://localhost:1'), '');
    const client = await first.connectorFactory!.create('http://localhost:1', first.audience);
    expect(client).toBeInstanceOf(ConnectorClient);
    expect(await second.connectorFactory!.create('http://localhost:1', second.audience)).toBe(client);
  });

  it('a different serviceUrl or audience gets its own client, pointed at it', async () => {
    const auth = local();
    const { connectorFactory, audience } = await auth.authenticateRequest(activity('http://localhost:1'), '');
    const one = await connectorFactory!.create('http://localhost:1', audience);
    const other = await connectorFactory!.create('http://localhost:2', audience);
    expect(other).not.toBe(one);
    expect((other as unknown as { baseUri: string }).baseUri).toBe('http://localhost:2');
    expect(await connectorFactory!.create('http://localhost:1', 'https://another.audience')).not.toBe(one);
  });

  it('keeps one UserTokenClient per app id', async () => {
    const auth = local();
    const anonymous = new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType);
    const app = (id: string) => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: id }], true);
    const a = await auth.createUserTokenClient(anonymous);
    expect(await auth.createUserTokenClient(anonymous)).toBe(a);
    expect(await auth.createUserTokenClient(app('app-1'))).not.toBe(a);
    expect(await auth.createUserTokenClient(app('app-1'))).toBe(await auth.createUserTokenClient(app('app-1')));
  });

  it('still authenticates every request: with an app id set, a request without a token is refused each time', async () => {
    const auth = new CachingBotFrameworkAuthentication(
      new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: 'app-1', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' }),
    );
    for (let i = 0; i < 2; i += 1) {
      await expect(auth.authenticateRequest(activity('https://smba.trafficmanager.net/emea/'), '')).rejects.toThrow(/Unauthorized|authorization/i);
    }
  });

  it('forgets a client whose creation failed, so the next request tries again', async () => {
    let calls = 0;
    const made = new ConnectorClient({ signRequest: async (r: unknown) => r } as never, { baseUri: 'http://localhost:3' });
    const flaky = new (class extends ConnectorFactory {
      async create(): Promise<ConnectorClient> {
        calls += 1;
        if (calls === 1) throw new Error('token endpoint down');
        return made;
      }
    })();
    const inner = new ConfigurationBotFrameworkAuthentication({});
    jest.spyOn(inner, 'createConnectorFactory').mockReturnValue(flaky);
    const factory = new CachingBotFrameworkAuthentication(inner).createConnectorFactory(new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType));
    await expect(factory.create('http://localhost:3')).rejects.toThrow('token endpoint down');
    expect(await factory.create('http://localhost:3')).toBe(made);
    expect(await factory.create('http://localhost:3')).toBe(made);
    expect(calls).toBe(2);
  });
});
