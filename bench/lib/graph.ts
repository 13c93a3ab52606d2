import { randomBytes } from 'node:crypto';

interface GraphResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** The gateway as one signed-in caller: every operation must succeed, or it throws with the error codes. */
export class GraphClient {
  constructor(
    readonly url: string,
    private readonly token?: string,
  ) {}

  withToken(token: string): GraphClient {
    return new GraphClient(this.url, token);
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const send = () =>
      fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    let res: Response;
    try {
      res = await send();
    } catch (err) {
      // A kept-alive connection the server closed as idle just as it was reused (its 5 s keep-alive
      // timer against fetch's, easily crossed on a loaded machine): the server never read the request.
      if ((err as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw err;
      process.stderr.write('[bench] connection closed by the server: sending the request again on a new one\n');
      res = await send();
    }
    const body = (await res.json()) as GraphResponse<T>;
    if (body.errors?.length || !body.data) {
      const codes = (body.errors ?? []).map((e) => `${e.extensions?.code ?? 'NO_CODE'}: ${e.message}`);
      throw new Error(`GraphQL operation failed (HTTP ${res.status}): ${codes.join('; ') || 'no data'}`);
    }
    return body.data;
  }
}

export interface Owner {
  client: GraphClient;
  userId: string;
  workspaceId: string;
}

const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;
const CREATE_WORKSPACE = `mutation CreateWorkspace($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { workspace { id } accessToken } }`;

/** Registers a new user who creates a workspace; the returned client carries a token naming them its ADMIN. */
export async function registerOwner(gatewayUrl: string): Promise<Owner> {
  const anonymous = new GraphClient(gatewayUrl);
  const email = `bench-${randomBytes(4).toString('hex')}@client.example`;
  const registered = await anonymous.request<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
    input: { firstName: 'Bench', email, password: 'a long enough benchmark passphrase' },
  });
  const created = await anonymous
    .withToken(registered.register.accessToken)
    .request<{ createWorkspace: { workspace: { id: string }; accessToken: string } }>(CREATE_WORKSPACE, { input: { name: 'Benchmark workspace' } });
  return { client: anonymous.withToken(created.createWorkspace.accessToken), userId: registered.register.user.id, workspaceId: created.createWorkspace.workspace.id };
}
