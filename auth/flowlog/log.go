package flowlog

import "sync"

// maxStepsPerProvider bounds a provider's log in memory.
const maxStepsPerProvider = 500

// Log keeps each provider's steps, numbered from 1, at most the last
// maxStepsPerProvider of them, and tells OnStep of each new one. It is safe
// for concurrent use; the zero value is ready.
type Log struct {
	// OnStep, if set, is called with every step as it is added, outside
	// the Log's lock. Set it before the Log is used.
	OnStep func(Step)

	mu    sync.Mutex
	steps map[string][]Step
	next  map[string]int
}

// Add numbers and keeps a step, and hands it to OnStep.
func (l *Log) Add(s Step) {
	l.mu.Lock()
	if l.steps == nil {
		l.steps, l.next = map[string][]Step{}, map[string]int{}
	}
	l.next[s.Provider]++
	s.N = l.next[s.Provider]
	list := append(l.steps[s.Provider], s)
	if len(list) > maxStepsPerProvider {
		list = list[len(list)-maxStepsPerProvider:]
	}
	l.steps[s.Provider] = list
	on := l.OnStep
	l.mu.Unlock()
	if on != nil {
		on(s)
	}
}

// Steps returns a copy of provider's steps, oldest first.
func (l *Log) Steps(provider string) []Step {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Step(nil), l.steps[provider]...)
}

// Clear forgets provider's steps.
func (l *Log) Clear(provider string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.steps, provider)
}
