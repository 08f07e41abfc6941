import { createMemoryRunAdmission } from '@/lib/limits/create-run-admission';
import { runAdmissionContract } from '../../integration/limits/run-admission-contract';

runAdmissionContract('memory', async () => ({ make: (options) => createMemoryRunAdmission(options) }));
