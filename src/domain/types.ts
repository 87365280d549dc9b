// Plain data shared by the store, the domain functions and the commands.
import type { Stage } from './stages.ts';

export type Role = 'rep' | 'manager' | 'admin';

export interface User {
  id: string;
  name: string;
  role: Role;
  managerId: string | null;
  teamName: string | null;
  hiredAt: string | null;
  wecomUserId: string | null;
  dingtalkStaffId: string | null;
  active: boolean;
}

export interface Customer {
  id: string;
  name: string;
  ownerId: string;
  industry: string | null;
  tier: 'K' | 'R' | null;
  aliases: string[];
  externalUserIds: string[];
}

export interface Opportunity {
  id: string;
  customerId: string;
  ownerId: string;
  name: string | null;
  stage: Stage;
  amount: number;
  expectedCloseDate: string | null;
  stageChangedAt: number;
  createdAt: number;
}

export interface StageChange {
  opportunityId: string;
  fromStage: Stage | null;
  toStage: Stage;
  changedAt: number;
}
