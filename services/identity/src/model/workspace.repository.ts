import type { Connection, Model } from 'mongoose';
import { workspaceSchema, type MemberDoc, type WorkspaceDoc } from './workspace.schema.js';

export type WorkspaceRepository = ReturnType<typeof createWorkspaceRepository>;

export function createWorkspaceRepository(conn: Connection) {
  const workspaces = (conn.models['Workspace'] ?? conn.model<WorkspaceDoc>('Workspace', workspaceSchema)) as Model<WorkspaceDoc>;
  return {
    model: workspaces,
    insert: async (ws: WorkspaceDoc) => {
      await workspaces.create(ws);
    },
    findById: (id: string) => workspaces.findById(id).lean<WorkspaceDoc>(),
    /** Dot notation, not $elemMatch: FerretDB 1.x does not match $elemMatch on sub-documents. */
    findByMember: (userId: string) => workspaces.find({ 'members.userId': userId }).lean<WorkspaceDoc[]>(),
    /** Replaces the member list if nobody changed it since `rev` was read; false means read again. */
    async replaceMembers(id: string, rev: number, members: MemberDoc[]): Promise<boolean> {
      const r = await workspaces.updateOne({ _id: id, rev }, { $set: { members }, $inc: { rev: 1 } });
      return r.modifiedCount === 1;
    },
  };
}
