// The page the rail points at. Pages other than Build are written elsewhere and mounted here with
// the callbacks that let them move the learner around.

import { BuildPage } from '../builder/BuildPage';
import { ClassPage } from '../class/ClassPage';
import { ComparePage } from '../compare/ComparePage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { LabsPage } from '../labs/LabsPage';
import { RunsPage } from '../runs/RunsPage';
import { WeightsPage } from '../weights/WeightsPage';
import { continueTraining } from './experimentActions';
import { compareRuns, openRun, useNavigation } from './navigation';

export function PageView() {
  const page = useNavigation((s) => s.page);
  const runId = useNavigation((s) => s.runId);
  const compareIds = useNavigation((s) => s.compareIds);
  switch (page) {
    case 'build':
      return <BuildPage />;
    case 'train':
      return <DashboardPage runId={runId} onOpenRun={openRun} />;
    case 'runs':
      return <RunsPage onOpenRun={openRun} onCompare={compareRuns} />;
    case 'compare':
      return <ComparePage runIds={compareIds} />;
    case 'weights':
      return <WeightsPage onContinueTraining={continueTraining} />;
    case 'labs':
      return <LabsPage />;
    case 'class':
      return <ClassPage />;
  }
}
