// The shell: the rail on the left, the top bar, the current page, and the corner notices.

import { useEffect } from 'react';
import { onMenuFileOpened } from '../api/lab';
import { openExperimentText } from './experimentActions';
import { NavRail } from './NavRail';
import { Notices } from './Notices';
import { PageView } from './PageView';
import { RunAnnouncer } from './RunAnnouncer';
import { watchRuns } from './runStatus';
import { TopBar } from './TopBar';
import { navigate, useNavigation } from './navigation';
import { openWeightsText } from '../weights/WeightsPage';
import { openPackFile } from '../class/ClassPage';
import './shell.css';

export function App() {
  const page = useNavigation((s) => s.page);

  useEffect(() => {
    watchRuns();
    return onMenuFileOpened((file) => {
      if (file.kind === 'experiment') openExperimentText(file.text, file.name);
      else if (file.kind === 'weights' && openWeightsText(file.text, file.name)) navigate('weights');
      else if (file.kind === 'pack') {
        openPackFile(file);
        navigate('class');
      }
    });
  }, []);

  return (
    <div className="shell">
      <NavRail />
      <div className="shell__main">
        <TopBar />
        <main className="shell__page" data-page={page}>
          <PageView />
        </main>
      </div>
      <Notices />
      <RunAnnouncer />
    </div>
  );
}
