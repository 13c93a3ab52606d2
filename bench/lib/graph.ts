import { randomBytes } from 'node:crypto';

interface GraphResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** A new access token for the same caller (logs in again). */
export type TokenRenewal = () => Promise<string>;

/**
 * The gateway as one signed-in caller: every operation must succeed, or it throws with the error codes.
 * Access tokens are short-lived and a benchmark runs longer: on UNAUTHENTICATED the client renews its
 * token once and sends the operation again (a rejected operation was not executed).
 */
export class GraphClient {
  private renewing: Promise<string> | undefined;

  constructor(
    readonly url: string,
    private token?: string,
    private readonly renew?: TokenRenewal,
  ) {}

  withToken(token: string, renew?: TokenRenewal): GraphClient {
    return new GraphClient(this.url, token, renew);
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = await this.send<T>(query, variables);
    if (this.renew && body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      // One login for all the operations that found the token expired at the same time.
      this.renewing ??= this.renew().finally(() => (this.renewing = undefined));
      this.token = await this.renewing;
      return this.dataOf(await this.send<T>(query, variables));
    }
    return this.dataOf(body);
  }

  private dataOf<T>(body: GraphResponse<T> & { status?: number }): T {
    if (body.errors?.length || !body.data) {
      const codes = (body.errors ?? []).map((e) => `${e.extensions?.code ?? 'NO_CODE'}: ${e.message}`);
      throw new Error(`GraphQL operation failed (HTTP ${body.status}): ${codes.join('; ') || 'no data'}`);
    }
    return body.data;
  }

  private async send<T>(query: string, variables: Record<string, unknown>): Promise<GraphResponse<T> & { status: number }> {
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
    return { ...((await res.json()) as GraphResponse<T>), status: res.status };
  }
}

export interface Owner {
  client: GraphClient;
  userId: string;
  workspaceId: string;
}

const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;
const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }`;
const CREATE_WORKSPACE = `mutation CreateWorkspace($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { workspace { id } accessToken } }`;

/** Registers a new user who creates a workspace; the returned client carries a token naming them its ADMIN. */
export async function registerOwner(gatewayUrl: string): Promise<Owner> {
  const anonymous = new GraphClient(gatewayUrl);
  const email = `bench-${randomBytes(4).toString('hex')}@client.example`;
  const password = 'a long enough benchmark passphrase';
  const registered = await anonymous.request<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
    input: { firstName: 'Bench', email, password },
  });
  // After createWorkspace, a fresh login's token lists the new workspace too.
  const renew = async () => (await anonymous.request<{ login: { accessToken: string } }>(LOGIN, { input: { email, password } })).login.accessToken;
  const created = await anonymous
    .withToken(registered.register.accessToken)
    .request<{ createWorkspace: { workspace: { id: string }; accessToken: string } }>(CREATE_WORKSPACE, { input: { name: 'Benchmark workspace' } });
  return { client: anonymous.withToken(created.createWorkspace.accessToken, renew), userId: registered.register.user.id, workspaceId: created.createWorkspace.workspace.id };
}
